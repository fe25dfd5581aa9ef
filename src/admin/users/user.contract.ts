import { dateMember } from '@/admin/common/contract-members';
import { pagedListContract } from '@/admin/common/page.contract';
import { GatewayNamespaces } from '@/wire/datacontract/gateway-namespaces';
import { t, WireContract, WireMember } from '@/wire';

const NS = GatewayNamespaces.admin;

/** A user as the dashboard sees it. Never a password, hash or salt. */
@WireContract({ name: 'AdminUser', namespace: NS })
export class AdminUser {
  @WireMember({ type: t.int() }) ID!: number;
  @WireMember({ type: t.guid() }) UserGuid!: string;
  @WireMember({ type: t.string() }) UserName!: string;
  @WireMember({ type: t.string() }) Email!: string | null;
  @WireMember({ type: t.string() }) FirstName!: string | null;
  @WireMember({ type: t.string() }) LastName!: string | null;
  @WireMember({ type: t.bool() }) IsOperator!: boolean;
  @WireMember({ type: t.list(t.string()) }) Roles!: string[];
  @WireMember({ type: t.bool() }) Blocked!: boolean;
  @WireMember(dateMember(true)) BlockedDate!: Date | null;
  @WireMember({ type: t.bool() }) Disabled!: boolean;
  @WireMember(dateMember(true)) DisabledDate!: Date | null;
  @WireMember(dateMember(true)) LockedUntil!: Date | null;
  @WireMember({ type: t.int() }) FailedLoginAttempts!: number;
  @WireMember(dateMember(true)) LastSuccessLogin!: Date | null;
  @WireMember(dateMember(true)) PasswordChangedDate!: Date | null;
  @WireMember({ type: t.int() }) ActiveSessionCount!: number;
  @WireMember(dateMember()) CreationDate!: Date;
  @WireMember(dateMember()) LastUpdated!: Date;
}

export const AdminUserPage = pagedListContract('AdminUserPage', AdminUser);

/** Body of `POST /users`. */
@WireContract({ name: 'CreateUserRequest', namespace: NS })
export class CreateUserRequest {
  @WireMember({ type: t.string(), required: true }) UserName!: string | null;
  @WireMember({
    type: t.string(),
    required: true,
    description: '8 to 1024 characters, taken as sent',
  })
  Password!: string | null;
  @WireMember({ type: t.string() }) Email!: string | null;
  @WireMember({ type: t.string() }) FirstName!: string | null;
  @WireMember({ type: t.string() }) LastName!: string | null;
  @WireMember({ type: t.bool(), nullable: true }) IsOperator!: boolean | null;
  @WireMember({
    type: t.list(t.string()),
    description: 'Role names: admin, session-auditor, session-manager, user-manager',
  })
  Roles!: string[] | null;
}

/** Body of `PUT /users/{guid}`: a member left out or null stays as it is. */
@WireContract({ name: 'UpdateUserRequest', namespace: NS })
export class UpdateUserRequest {
  @WireMember({ type: t.string() }) UserName!: string | null;
  @WireMember({ type: t.string(), description: 'Empty string clears it' }) Email!: string | null;
  @WireMember({ type: t.string(), description: 'Empty string clears it' }) FirstName!:
    string | null;
  @WireMember({ type: t.string(), description: 'Empty string clears it' }) LastName!: string | null;
  @WireMember({ type: t.bool(), nullable: true }) IsOperator!: boolean | null;
  @WireMember({
    type: t.list(t.string()),
    description: 'The full role set; an empty list removes every role',
  })
  Roles!: string[] | null;
}

/** Body of `POST /users/{guid}/reset-password`. */
@WireContract({ name: 'ResetPasswordRequest', namespace: NS })
export class ResetPasswordRequest {
  @WireMember({
    type: t.string(),
    required: true,
    description: '8 to 1024 characters, taken as sent',
  })
  NewPassword!: string | null;
}

/** Answer of block / unblock / disable / reset-password. */
@WireContract({ name: 'UserActionResponse', namespace: NS })
export class UserActionResponse {
  @WireMember({ type: t.bool() }) Success!: boolean;
  @WireMember({ type: t.int(), description: 'Sessions this action ended' }) SessionsEnded!: number;
  @WireMember({ type: t.contract(() => AdminUser) }) User!: AdminUser;
}
