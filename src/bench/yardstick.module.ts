import { Module } from '@nestjs/common';
import { YardstickController } from './yardstick.controller';

/** Benchmark-only routes (see YardstickController); AppModule imports it when `benchYardstick` is on. */
@Module({ controllers: [YardstickController] })
export class YardstickModule {}
