import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole data model for users, roles/permissions, sessions, their opaque
 * tokens and the audit trail. Plain SQL so that PGlite and PostgreSQL run the
 * very same statements.
 *
 * users.active_session_count is kept by triggers in the same transaction as
 * the session row change, so the admin list reads counts from an index
 * instead of grouping a million session rows on every request.
 */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id                     serial PRIMARY KEY,
        guid                   uuid NOT NULL UNIQUE,
        username               varchar(256) NOT NULL,
        email                  varchar(320),
        first_name             varchar(256),
        last_name              varchar(256),
        password_hash          text,
        password_salt          text,
        password_changed_at    timestamptz,
        is_operator            boolean NOT NULL DEFAULT false,
        failed_login_attempts  integer NOT NULL DEFAULT 0,
        locked_until           timestamptz,
        last_success_login     timestamptz,
        blocked_at             timestamptz,
        disabled_at            timestamptz,
        active_session_count   integer NOT NULL DEFAULT 0 CHECK (active_session_count >= 0),
        profile                jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX users_username_lower_uq ON users (lower(username))`);
    await db.query(
      `CREATE INDEX users_active_count_idx ON users (active_session_count DESC, id) WHERE active_session_count > 0`,
    );
    await db.query(
      `CREATE INDEX users_active_name_idx ON users (lower(username), id) WHERE active_session_count > 0`,
    );

    await db.query(`
      CREATE TABLE permissions (
        name        varchar(64) PRIMARY KEY,
        description text NOT NULL
      )`);
    await db.query(`
      CREATE TABLE roles (
        id          serial PRIMARY KEY,
        name        varchar(64) NOT NULL UNIQUE,
        description text NOT NULL DEFAULT ''
      )`);
    await db.query(`
      CREATE TABLE role_permissions (
        role_id    integer NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
        permission varchar(64) NOT NULL REFERENCES permissions(name) ON DELETE CASCADE,
        PRIMARY KEY (role_id, permission)
      )`);
    await db.query(`
      CREATE TABLE user_roles (
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role_id integer NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, role_id)
      )`);
    await db.query(`CREATE INDEX user_roles_role_idx ON user_roles (role_id)`);

    await db.query(`
      CREATE TABLE sessions (
        id                   serial PRIMARY KEY,
        guid                 uuid NOT NULL UNIQUE,
        user_id              integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        channel              varchar(16) NOT NULL,
        created_at           timestamptz NOT NULL DEFAULT now(),
        last_updated_at      timestamptz NOT NULL DEFAULT now(),
        expires_at           timestamptz NOT NULL,
        absolute_expires_at  timestamptz NOT NULL,
        ip                   varchar(64),
        user_agent           varchar(512),
        smartphone           varchar(128),
        operating_system     varchar(128),
        application          varchar(128),
        is_single_sign_on    boolean NOT NULL DEFAULT false,
        revoked_at           timestamptz,
        revoked_by           integer REFERENCES users(id) ON DELETE SET NULL,
        revoke_reason        varchar(64),
        sequence             bigint NOT NULL DEFAULT 1,
        app_data             jsonb NOT NULL DEFAULT '[]'::jsonb,
        props                jsonb NOT NULL DEFAULT '[]'::jsonb,
        session_data         jsonb,
        features             jsonb NOT NULL DEFAULT '[]'::jsonb,
        CHECK (channel IN ('legacy', 'api', 'v2'))
      )`);
    await db.query(
      `CREATE INDEX sessions_active_by_user_idx ON sessions (user_id, id DESC) WHERE revoked_at IS NULL`,
    );
    await db.query(
      `CREATE INDEX sessions_active_by_expiry_idx ON sessions (expires_at) WHERE revoked_at IS NULL`,
    );
    await db.query(`CREATE INDEX sessions_created_idx ON sessions (created_at)`);

    await db.query(`
      CREATE TABLE session_tokens (
        token_hash  char(64) PRIMARY KEY,
        session_id  integer NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        kind        varchar(16) NOT NULL CHECK (kind IN ('refresh', 'session')),
        created_at  timestamptz NOT NULL DEFAULT now(),
        rotated_at  timestamptz
      )`);
    await db.query(`CREATE INDEX session_tokens_session_idx ON session_tokens (session_id)`);

    await db.query(`
      CREATE TABLE audit_events (
        id              bigserial PRIMARY KEY,
        occurred_at     timestamptz NOT NULL DEFAULT now(),
        action          varchar(64) NOT NULL,
        actor_user_id   integer,
        subject_user_id integer,
        session_id      integer,
        ip              varchar(64),
        details         jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await db.query(
      `CREATE INDEX audit_events_time_idx ON audit_events (occurred_at DESC, id DESC)`,
    );
    await db.query(
      `CREATE INDEX audit_events_subject_idx ON audit_events (subject_user_id, occurred_at DESC)`,
    );
    await db.query(
      `CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at DESC)`,
    );

    // Every change to a session bumps its sequence (v2 details.sequence), and
    // the owner's active-session counter follows the session's revocation state.
    await db.query(`
      CREATE FUNCTION sessions_bump_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.sequence := OLD.sequence + 1;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER sessions_bump_sequence BEFORE UPDATE ON sessions
      FOR EACH ROW EXECUTE FUNCTION sessions_bump_sequence()`);
    await db.query(`
      CREATE FUNCTION sessions_track_active_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.revoked_at IS NULL THEN
            UPDATE users SET active_session_count = active_session_count + 1 WHERE id = NEW.user_id;
          END IF;
        ELSIF TG_OP = 'UPDATE' THEN
          IF OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL THEN
            UPDATE users SET active_session_count = active_session_count - 1 WHERE id = NEW.user_id;
          ELSIF OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS NULL THEN
            UPDATE users SET active_session_count = active_session_count + 1 WHERE id = NEW.user_id;
          END IF;
        ELSIF TG_OP = 'DELETE' THEN
          IF OLD.revoked_at IS NULL THEN
            UPDATE users SET active_session_count = active_session_count - 1 WHERE id = OLD.user_id;
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER sessions_track_active_count AFTER INSERT OR UPDATE OF revoked_at OR DELETE ON sessions
      FOR EACH ROW EXECUTE FUNCTION sessions_track_active_count()`);

    await db.query(`
      INSERT INTO permissions (name, description) VALUES
        ('admin', 'Full administrative access'),
        ('session.read', 'List and inspect any user''s sessions'),
        ('session.delete', 'End any user''s sessions'),
        ('user.write', 'Create, update, block and reset users')`);
    await db.query(`
      INSERT INTO roles (name, description) VALUES
        ('admin', 'Administrator'),
        ('session-auditor', 'Reads sessions'),
        ('session-manager', 'Reads and ends sessions'),
        ('user-manager', 'Manages users')`);
    await db.query(`
      INSERT INTO role_permissions (role_id, permission)
      SELECT r.id, p.permission FROM roles r
      JOIN (VALUES
        ('admin', 'admin'), ('admin', 'session.read'), ('admin', 'session.delete'), ('admin', 'user.write'),
        ('session-auditor', 'session.read'),
        ('session-manager', 'session.read'), ('session-manager', 'session.delete'),
        ('user-manager', 'user.write')
      ) AS p(role, permission) ON p.role = r.name`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP TABLE IF EXISTS audit_events, session_tokens, sessions, user_roles, role_permissions, roles, permissions, users CASCADE`,
    );
    await db.query(
      `DROP FUNCTION IF EXISTS sessions_bump_sequence(), sessions_track_active_count()`,
    );
  }
}
