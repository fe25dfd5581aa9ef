/**
 * The yardstick SPEC 7 names: a separate Nest application in its own process,
 * with one controller returning a constant JSON object and nothing else (no
 * global guard, interceptor, middleware or logging), on the HTTP adapter
 * HTTP_ADAPTER names (express or fastify), as the service under test.
 * `npm run bench` starts it with PORT set and measures it interleaved with
 * the service's routes.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';

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
  const adapter =
    process.env.HTTP_ADAPTER === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
  const app = await NestFactory.create(BareModule, adapter, { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  const stop = () => void app.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
