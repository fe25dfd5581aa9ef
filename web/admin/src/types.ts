/** The admin API's JSON shapes (see /docs for the full contracts). */

export interface Page<T> {
  Items: T[];
  Page: number;
  PageSize: number;
  TotalCount: number;
  TotalPages: number;
}

export interface Me {
  UserGuid: string;
  UserName: string;
  Roles: string[];
  Permissions: string[];
}

export interface ActiveSessionUser {
  UserGuid: string;
  UserName: string;
  SessionCount: number;
  IsOperator: boolean;
}

export interface SessionDetails {
  ID: number;
  Channel: string;
  Created: string;
  LastUpdated: string;
  ExpirationDate: string;
  Ip: string | null;
  Smartphone: string | null;
  OperatingSystem: string | null;
  Application: string | null;
}

export interface SessionActivity {
  ActiveNow: number;
  Points: Array<{ At: string; Count: number }>;
}

export interface AdminUser {
  ID: number;
  UserGuid: string;
  UserName: string;
  Email: string | null;
  FirstName: string | null;
  LastName: string | null;
  IsOperator: boolean;
  Roles: string[];
  Blocked: boolean;
  Disabled: boolean;
  LockedUntil: string | null;
  LastSuccessLogin: string | null;
  ActiveSessionCount: number;
  CreationDate: string;
}

export interface AuditEvent {
  ID: string;
  OccurredAt: string;
  Action: string;
  ActorUserName: string | null;
  SubjectUserName: string | null;
  SubjectUserGuid: string | null;
  SessionID: number | null;
  IP: string | null;
  Details: Array<{ Name: string; Value: string | null }>;
}
