import { dateMember } from '@/admin/common/contract-members';
import { pagedListContract } from '@/admin/common/page.contract';
import { GatewayNamespaces } from '@/wire/datacontract/gateway-namespaces';
import { t, WireContract, WireMember } from '@/wire';

const NS = GatewayNamespaces.admin;

/** A webhook endpoint: from WEBHOOK_URLS (`config`) or added here (`admin`). */
@WireContract({ name: 'WebhookEndpoint', namespace: NS })
export class WebhookEndpointView {
  @WireMember({ type: t.int() }) Id!: number;
  @WireMember({ type: t.string() }) Url!: string;
  @WireMember({ type: t.string(), description: '`config` or `admin`' }) Source!: string;
  @WireMember({ type: t.bool() }) Enabled!: boolean;
  @WireMember(dateMember()) CreatedAt!: Date;
  @WireMember(dateMember(true)) DisabledAt!: Date | null;
}

/** One event's delivery to one endpoint. */
@WireContract({ name: 'WebhookDelivery', namespace: NS })
export class WebhookDeliveryView {
  @WireMember({ type: t.long() }) Id!: number;
  @WireMember({ type: t.guid(), description: 'Also the `webhook-id` header' }) EventId!: string;
  @WireMember({ type: t.string() }) EventType!: string;
  @WireMember({ type: t.int() }) EndpointId!: number;
  @WireMember({ type: t.string() }) EndpointUrl!: string;
  @WireMember({ type: t.string(), description: '`pending`, `delivered` or `dead`' }) State!: string;
  @WireMember({ type: t.int() }) Attempts!: number;
  @WireMember(dateMember()) NextAttemptAt!: Date;
  @WireMember({ type: t.int(), nullable: true }) LastStatus!: number | null;
  @WireMember({ type: t.string() }) LastError!: string | null;
  @WireMember(dateMember()) CreatedAt!: Date;
  @WireMember(dateMember(true)) DeliveredAt!: Date | null;
}

export const WebhookEndpointPage = pagedListContract('WebhookEndpointPage', WebhookEndpointView);
export const WebhookDeliveryPage = pagedListContract('WebhookDeliveryPage', WebhookDeliveryView);

/** Body of `POST /webhooks`. */
@WireContract({ name: 'AddWebhookRequest', namespace: NS })
export class AddWebhookRequest {
  @WireMember({
    type: t.string(),
    required: true,
    description: 'https, or http only to 127.0.0.0/8, ::1 or localhost; no credentials',
  })
  Url!: string | null;
}

/** Body of `POST /webhooks/disable`. */
@WireContract({ name: 'DisableWebhookRequest', namespace: NS })
export class DisableWebhookRequest {
  @WireMember({ type: t.int(), required: true, description: 'The endpoint ID' }) Id!: number;
}

/** Body of `POST /webhooks/deliveries/redeliver`. */
@WireContract({ name: 'RedeliverRequest', namespace: NS })
export class RedeliverRequest {
  @WireMember({ type: t.long(), required: true, description: 'The delivery ID' }) Delivery!: number;
}
