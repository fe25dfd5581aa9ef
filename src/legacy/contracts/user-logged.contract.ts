import { t, WireContract, WireMember } from '@/wire';
import { LegacyNamespaces } from './namespaces';

/** `LastName + " " + FirstName` (its setter ignores input). */
const fullNameOf = (user: UserBase) => (user.LastName ?? '') + ' ' + (user.FirstName ?? '');

/** `IO.Swagger.Models.UserBase`: its members come first in XML, last in JSON. */
@WireContract({ namespace: LegacyNamespaces.swaggerModels })
export class UserBase {
  @WireMember({ type: t.string(), xmlName: 'full_name', computed: fullNameOf })
  get FullName(): string {
    return fullNameOf(this);
  }
  set FullName(_ignored: string) {
    // As in Contracts.cs: the setter accepts and drops the value.
  }

  @WireMember({ type: t.guid(), xmlName: 'id' }) Id!: string;
  @WireMember({ type: t.guid(), xmlName: 'image_id', nullable: true }) IdImage!: string | null;
  @WireMember({ type: t.guid(), xmlName: 'id_user_work_position', nullable: true })
  IdUserWorkPosition!: string | null;
  @WireMember({ type: t.guid(), xmlName: 'id_shift', nullable: true }) IdShift!: string | null;
  @WireMember({ type: t.string(), xmlName: 'code' }) Code!: string | null;
  @WireMember({ type: t.string(), xmlName: 'code2' }) Code2!: string | null;
  /** `[JsonIgnore]` without `[DataMember]`: in neither format. */
  @WireMember({ type: t.string(), in: 'none' }) PeopleSoftId!: string | null;
  @WireMember({ type: t.string(), in: 'none' }) FunctionalUnit!: string | null;
  @WireMember({ type: t.string(), xmlName: 'title' }) Title!: string | null;
  @WireMember({ type: t.string(), xmlName: 'introduction' }) Introduction!: string | null;
  @WireMember({ type: t.string(), xmlName: 'first_name' }) FirstName!: string | null;
  @WireMember({ type: t.string(), xmlName: 'last_name' }) LastName!: string | null;
}

/** `IO.Swagger.Models.UserLogged` (seed 003, response of `POST api/Auth?IP={IP}`). */
@WireContract({ namespace: LegacyNamespaces.swaggerModels })
export class UserLogged extends UserBase {
  @WireMember({ type: t.int(), jsonName: 'role' }) Role!: number;
  @WireMember({ type: t.bool(), in: 'none' }) IsSuperAdmin!: boolean;
  /** `[DataMember] [JsonIgnore]`: XML only. */
  @WireMember({ type: t.string(), in: 'xml' }) Token!: string | null;

  /** JSON through `UtcSecondsConverter`; XML as a Local DateTime. */
  @WireMember({ type: t.date(), jsonName: 'date_od_last_activity', jsonDateStyle: 'utc-seconds' })
  DateOfLastActivity!: Date;

  @WireMember({ type: t.string(), jsonName: 'ip' }) IP!: string | null;
  @WireMember({ type: t.int(), jsonName: 'group_id', nullable: true }) GroupId!: number | null;
  @WireMember({ type: t.int(), jsonName: 'group_role', nullable: true }) GroupRole!: number | null;
  @WireMember({ type: t.object(), in: 'none' }) Lock!: unknown;
}
