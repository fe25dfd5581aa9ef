import { t, WireContract, WireMember } from '@/wire';
import { LegacyNamespaces } from './namespaces';

/** `IO.Swagger.Models.ViewInfo`. */
@WireContract({ namespace: LegacyNamespaces.swaggerModels })
export class ViewInfo {
  @WireMember({ type: t.guid(), xmlName: 'id', nullable: true })
  Id!: string | null;

  @WireMember({ type: t.bool(), xmlName: 'show_date_of_in_request', nullable: true })
  ShowDateOfInRequest!: boolean | null;
}

/** `FirstName + " " + LastName` (its setter ignores input). */
const fullNameOf = (user: UserInfo) => (user.FirstName ?? '') + ' ' + (user.LastName ?? '');

/** `IO.Swagger.Models.UserInfo` (seed 003, body of `POST api/Auth?IP={IP}`). */
@WireContract({ namespace: LegacyNamespaces.swaggerModels })
export class UserInfo {
  @WireMember({ type: t.string(), xmlName: 'full_name', computed: fullNameOf })
  get FullName(): string {
    return fullNameOf(this);
  }
  set FullName(_ignored: string) {
    // As in Contracts.cs: the setter accepts and drops the value.
  }

  @WireMember({ type: t.guid(), xmlName: 'id', required: true }) Id!: string;
  @WireMember({ type: t.bool(), xmlName: 'is_delegated', nullable: true }) IsDelegated!:
    boolean | null;
  @WireMember({ type: t.bool(), xmlName: 'agreement', nullable: true }) Agreement!: boolean | null;
  @WireMember({ type: t.contract(() => ViewInfo), xmlName: 'view_info' })
  ViewInfo!: ViewInfo | null;
  @WireMember({ type: t.guid(), xmlName: 'id_role', nullable: true }) IdRole!: string | null;
  @WireMember({ type: t.bool(), xmlName: 'is_editor', nullable: true }) IsEditor!: boolean | null;
  @WireMember({ type: t.string(), xmlName: 'first_name' }) FirstName!: string | null;
  @WireMember({ type: t.string(), xmlName: 'last_name' }) LastName!: string | null;
  @WireMember({ type: t.bool(), xmlName: 'is_manager', nullable: true }) IsManager!: boolean | null;
  @WireMember({ type: t.bool(), xmlName: 'is_hr', nullable: true }) IsHr!: boolean | null;
  @WireMember({ type: t.bool(), xmlName: 'is_admin', nullable: true }) IsAdmin!: boolean | null;
  @WireMember({ type: t.guid(), xmlName: 'image_id', nullable: true }) ImageId!: string | null;
  @WireMember({ type: t.string(), xmlName: 'email' }) Email!: string | null;
  @WireMember({ type: t.string(), xmlName: 'phone' }) Phone!: string | null;
  @WireMember({ type: t.string(), xmlName: 'web_popup_ids' }) WebPopupIds!: string | null;

  /** JSON through `UtcSecondsConverter`; XML as a Local DateTime. */
  @WireMember({
    type: t.date(),
    xmlName: 'birthdate',
    nullable: true,
    jsonDateStyle: 'utc-seconds',
  })
  Birthdate!: Date | null;

  @WireMember({ type: t.bool(), xmlName: 'deleted', required: true }) Deleted!: boolean;
  @WireMember({ type: t.int(), xmlName: 'state_id', required: true }) StateId!: number;
}
