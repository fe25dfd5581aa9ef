import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { httpAdapter } from '@/bootstrap';
import { installBodyBounds, WirePipelineModule } from '@/pipeline';
import { ConfigModule, loadConfig } from '@/platform/config';
import { WireModule } from '@/wire';
import {
  AdminFixtureController,
  LegacyFixtureController,
  V2FixtureController,
} from './fixture.controllers';

/** A real Nest app with the wire layer and fixture controllers; no database. */
export async function createWireTestApp(
  env: Record<string, string> = {},
): Promise<INestApplication> {
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      LEGACY_TIME_ZONE: 'UTC',
      // CI runs the wire suite on both platforms: HTTP_ADAPTER=fastify selects the other one.
      ...(process.env.HTTP_ADAPTER ? { HTTP_ADAPTER: process.env.HTTP_ADAPTER } : {}),
      ...env,
    },
    () => 'x'.repeat(32),
  );
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), WireModule, WirePipelineModule],
    controllers: [LegacyFixtureController, AdminFixtureController, V2FixtureController],
  }).compile();
  const app = moduleRef.createNestApplication(await httpAdapter(config), {
    bodyParser: false,
    logger: false,
  });
  installBodyBounds(app);
  await app.init();
  if (config.httpAdapter === 'fastify')
    await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
  return app;
}
