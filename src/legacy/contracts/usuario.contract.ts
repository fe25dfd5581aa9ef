import { t, WireContract, WireMember } from '@/wire';
import { LegacyNamespaces } from './namespaces';

/**
 * `Model.Dto.UsuarioDto` (seed 000, body of `POST api/kill-session`): a POCO,
 * every public property a member, XML ordered ordinally by name.
 */
@WireContract({ namespace: LegacyNamespaces.modelDto })
export class UsuarioDto {
  @WireMember({ type: t.int() }) Id!: number;
  @WireMember({ type: t.string() }) Username!: string | null;
  @WireMember({ type: t.string() }) Mail!: string | null;
  @WireMember({ type: t.string() }) PasswordSalt!: string | null;
  @WireMember({ type: t.string() }) Password!: string | null;
  @WireMember({ type: t.string() }) FirstName!: string | null;
  @WireMember({ type: t.string() }) LastName!: string | null;
  @WireMember({ type: t.date() }) CreationDate!: Date;
  @WireMember({ type: t.date(), nullable: true }) LastSuccessLogin!: Date | null;
  @WireMember({ type: t.bool(), nullable: true }) Active!: boolean | null;
  @WireMember({ type: t.bool(), nullable: true }) Blocked!: boolean | null;
  @WireMember({ type: t.int(), nullable: true }) FailedLoginAttempts!: number | null;
  @WireMember({ type: t.int() }) IdRole!: number;
  @WireMember({ type: t.date(), nullable: true }) DisabledDate!: Date | null;
  @WireMember({ type: t.date(), nullable: true }) BlockedDate!: Date | null;
  @WireMember({ type: t.string() }) PasswordTemp!: string | null;
  @WireMember({ type: t.string() }) PasswordTempSalt!: string | null;
  @WireMember({ type: t.string() }) Email!: string | null;
  @WireMember({ type: t.int() }) IdUser!: number;
  @WireMember({ type: t.string() }) Aliases!: string | null;
  @WireMember({ type: t.string() }) ColorSettings!: string | null;
  @WireMember({ type: t.string() }) IdIssuerBranchComma!: string | null;
  @WireMember({ type: t.list(t.int()) }) IdIssuerBranches!: number[] | null;
  @WireMember({ type: t.int(), nullable: true }) IdGrupo!: number | null;
}
