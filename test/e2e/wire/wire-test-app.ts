import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
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
  const config = loadConfig({ NODE_ENV: 'test', LEGACY_TIME_ZONE: 'UTC', ...env }, () =>
    'x'.repeat(32),
  );
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), WireModule],
    controllers: [LegacyFixtureController, AdminFixtureController, V2FixtureController],
  }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  await app.init();
  return app;
}
