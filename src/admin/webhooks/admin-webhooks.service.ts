import { Inject, Injectable } from '@nestjs/common';
import { AdminActor } from '@/admin/common/admin-actor';
import { PagedList, toPagedList } from '@/admin/common/page.contract';
import { AuditRepository } from '@/audit/audit.repository';
import { APP_CONFIG, AppConfig } from '@/platform/config';
import { DomainError } from '@/platform/errors/domain-error';
import { outboundUrlProblem } from '@/platform/http/outbound-url';
import { PageRequest } from '@/platform/paging/page';
import { DeliveryState, WebhooksRepository } from '@/webhooks/webhooks.repository';
import {
  WebhookDeliveryPage,
  WebhookDeliveryView,
  WebhookEndpointPage,
  WebhookEndpointView,
} from './webhook.contract';
import { toDeliveryView, toEndpointView } from './webhook.mapper';

/** Webhook endpoints and deliveries for administrators; every change is audited. */
@Injectable()
export class AdminWebhooksService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async listEndpoints(page: PageRequest): Promise<PagedList<WebhookEndpointView>> {
    return toPagedList(
      WebhookEndpointPage,
      await this.webhooks.listEndpoints(page),
      toEndpointView,
    );
  }

  /**
   * Adds an endpoint (or re-enables a disabled one with the same URL). Refused
   * when no WEBHOOK_SECRET is configured: nothing could be signed.
   */
  async addEndpoint(url: string | null, actor: AdminActor): Promise<WebhookEndpointView> {
    const problem = typeof url === 'string' ? outboundUrlProblem(url) : 'is required';
    if (problem !== null || typeof url !== 'string')
      throw new DomainError('InvalidArgument', 'InvalidUrl', `"Url" ${problem}`);
    if (!this.config.webhooks.secret)
      throw new DomainError(
        'Unavailable',
        'WebhooksNotConfigured',
        'WEBHOOK_SECRET is not configured; deliveries could not be signed',
      );
    const endpoint = await this.webhooks.addEndpoint(url, actor.userId);
    if (!endpoint)
      throw new DomainError('AlreadyExists', 'WebhookExists', 'an enabled endpoint has that URL');
    await this.record('webhook.added', actor, { endpointId: endpoint.id, url });
    return toEndpointView(endpoint);
  }

  async disableEndpoint(id: number, actor: AdminActor): Promise<void> {
    const change =
      Number.isInteger(id) && id > 0 ? await this.webhooks.disableEndpoint(id) : 'notFound';
    if (change === 'notFound')
      throw new DomainError('NotFound', 'WebhookNotFound', 'No webhook endpoint has that ID');
    if (change === 'unchanged')
      throw new DomainError('AlreadyExists', 'AlreadyDisabled', 'the endpoint is already disabled');
    await this.record('webhook.disabled', actor, { endpointId: id });
  }

  async listDeliveries(
    state: DeliveryState | undefined,
    page: PageRequest,
  ): Promise<PagedList<WebhookDeliveryView>> {
    return toPagedList(
      WebhookDeliveryPage,
      await this.webhooks.listDeliveries(state, page),
      toDeliveryView,
    );
  }

  /** Sends one delivery again from its first attempt, whatever its state. */
  async redeliver(id: number, actor: AdminActor): Promise<void> {
    const found =
      Number.isSafeInteger(id) && id > 0 ? await this.webhooks.redeliver(String(id)) : false;
    if (!found)
      throw new DomainError('NotFound', 'DeliveryNotFound', 'No webhook delivery has that ID');
    await this.record('webhook.redelivered', actor, { deliveryId: id });
  }

  private record(
    action: 'webhook.added' | 'webhook.disabled' | 'webhook.redelivered',
    actor: AdminActor,
    details: Record<string, string | number>,
  ): Promise<void> {
    return this.audit.record({ action, actorUserId: actor.userId, ip: actor.ip, details });
  }
}
