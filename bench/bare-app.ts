/**
 * The yardstick SPEC 7 names: a separate Nest application in its own process,
 * with one controller returning a constant JSON object and nothing else (no
 * global guard, interceptor, middleware or logging), on the same HTTP adapter
 * as the service. `npm run bench` starts it with PORT set and measures it
 * interleaved with the service's routes.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

const CONSTANT = Object.freeze({ status: 'ok', service: 'session-gateway' });

@Controller()
class ConstantController {
  @Get('constant')
  constant(): object {
    return CONSTANT;
  }
}

@Module({ controllers: [ConstantController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BareModule, { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  const stop = () => void app.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
