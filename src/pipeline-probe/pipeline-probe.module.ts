import { Module } from '@nestjs/common';
import { PipelineProbeController } from './pipeline-probe.controller';

/** The pipeline-cost probe (see PipelineProbeController); AppModule imports it when `pipelineProbe` is on. */
@Module({ controllers: [PipelineProbeController] })
export class PipelineProbeModule {}
