import { WebhookDelivery, WebhookEndpoint } from '@/webhooks/webhooks.repository';
import { WebhookDeliveryView, WebhookEndpointView } from './webhook.contract';

export function toEndpointView(endpoint: WebhookEndpoint): WebhookEndpointView {
  return Object.assign(new WebhookEndpointView(), {
    Id: endpoint.id,
    Url: endpoint.url,
    Source: endpoint.source,
    Enabled: endpoint.enabled,
    CreatedAt: endpoint.createdAt,
    DisabledAt: endpoint.disabledAt,
  });
}

export function toDeliveryView(delivery: WebhookDelivery): WebhookDeliveryView {
  return Object.assign(new WebhookDeliveryView(), {
    Id: Number(delivery.id),
    EventId: delivery.eventId,
    EventType: delivery.eventType,
    EndpointId: delivery.endpointId,
    EndpointUrl: delivery.endpointUrl,
    State: delivery.state,
    Attempts: delivery.attempts,
    NextAttemptAt: delivery.nextAttemptAt,
    LastStatus: delivery.lastStatus,
    LastError: delivery.lastError,
    CreatedAt: delivery.createdAt,
    DeliveredAt: delivery.deliveredAt,
  });
}
