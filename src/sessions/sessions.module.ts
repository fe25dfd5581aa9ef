import { Module } from '@nestjs/common';
import { AuditModule } from '@/audit/audit.module';
import { UsersModule } from '@/users/users.module';
import { ExpiredSessionSweeper } from './expired-session.sweeper';
import { SessionActivity } from './session-activity.service';
import { SessionEndedListener } from './session-ended.listener';
import { SessionStateCache } from './session-state.cache';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

@Module({
  imports: [UsersModule, AuditModule],
  providers: [
    SessionsRepository,
    SessionStateCache,
    SessionActivity,
    SessionsService,
    ExpiredSessionSweeper,
    SessionEndedListener,
  ],
  exports: [SessionsRepository, SessionStateCache, SessionActivity, SessionsService],
})
export class SessionsModule {}
