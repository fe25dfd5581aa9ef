import { Module } from '@nestjs/common';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { WebhooksRepository } from './webhooks.repository';

/** Delivery of the outbox's session and account events to webhook endpoints. */
@Module({
  providers: [WebhooksRepository, WebhookDeliveryWorker],
  exports: [WebhooksRepository],
})
export class WebhooksModule {}
