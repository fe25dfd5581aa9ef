import { Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AdminController,
  ApiAdminError,
  ApiPaging,
  ApiWireResponse,
} from '@/admin/common/admin-api.decorators';
import { actorOf } from '@/admin/common/admin-actor';
import { SuccessResponse } from '@/admin/common/admin.contract';
import { parsePaging, RawQuery } from '@/admin/common/admin-query';
import { PagedList } from '@/admin/common/page.contract';
import { Client } from '@/auth/client-ip/client-meta';
import { CurrentPrincipal, RequirePermissions } from '@/auth/guards/auth.decorators';
import { Principal } from '@/auth/principal';
import { ClientMeta } from '@/sessions/sessions.service';
import { ADMIN_PERMISSION } from '@/users/privileges';
import { WireBody } from '@/wire';
import { AdminWebhooksService } from './admin-webhooks.service';
import { parseDeliveryState } from './delivery-state';
import {
  AddWebhookRequest,
  DisableWebhookRequest,
  RedeliverRequest,
  WebhookDeliveryPage,
  WebhookDeliveryView,
  WebhookEndpointPage,
  WebhookEndpointView,
} from './webhook.contract';

const ADMIN_ONLY = 'Needs `admin` (endpoints receive every session event of every user).';

/** Session-event webhooks: endpoints and deliveries (README "Session events (webhooks)"). */
@ApiTags('admin: webhooks')
@AdminController('webhooks')
export class AdminWebhooksController {
  constructor(private readonly service: AdminWebhooksService) {}

  @Get()
  @RequirePermissions(ADMIN_PERMISSION)
  @ApiOperation({
    summary: 'Webhook endpoints, oldest first',
    description: `${ADMIN_ONLY} Lists WEBHOOK_URLS entries (\`Source: config\`) and added ones (\`admin\`), enabled or not.`,
  })
  @ApiPaging()
  @ApiWireResponse(WebhookEndpointPage, 'One page of endpoints')
  @ApiAdminError(400, '`err_InvalidPaging`')
  list(@Query() query: RawQuery): Promise<PagedList<WebhookEndpointView>> {
    return this.service.listEndpoints(parsePaging(query));
  }

  @Post()
  @HttpCode(201)
  @RequirePermissions(ADMIN_PERMISSION)
  @ApiOperation({
    summary: 'Adds a webhook endpoint',
    description:
      `${ADMIN_ONLY} The URL must be https, or plain http only to a loopback address (127.0.0.0/8, ` +
      '::1, localhost); no credentials in it, no other scheme. Events written from now on are ' +
      'delivered to it. Posting the URL of a disabled endpoint enables it again. Audited (`webhook.added`).',
  })
  @ApiWireResponse(WebhookEndpointView, 'The endpoint', 201)
  @ApiAdminError(400, '`err_InvalidRequest`, `err_InvalidUrl`')
  @ApiAdminError(409, '`err_WebhookExists`: an enabled endpoint has that URL')
  @ApiAdminError(503, '`err_WebhooksNotConfigured`: no WEBHOOK_SECRET to sign with')
  add(
    @CurrentPrincipal() caller: Principal,
    @WireBody(AddWebhookRequest, { parameterName: 'request' }) body: AddWebhookRequest,
    @Client() client: ClientMeta,
  ): Promise<WebhookEndpointView> {
    return this.service.addEndpoint(body.Url, actorOf(caller, client));
  }

  @Post('disable')
  @HttpCode(200)
  @RequirePermissions(ADMIN_PERMISSION)
  @ApiOperation({
    summary: 'Disables a webhook endpoint',
    description:
      `${ADMIN_ONLY} Nothing more is sent to it; its pending deliveries wait (and resume if it is ` +
      'added again). A WEBHOOK_URLS endpoint is enabled again at the next start. Audited (`webhook.disabled`).',
  })
  @ApiWireResponse(SuccessResponse, '`{"Success":true}`')
  @ApiAdminError(400, '`err_InvalidRequest`')
  @ApiAdminError(404, '`err_WebhookNotFound`')
  @ApiAdminError(409, '`err_AlreadyDisabled`')
  async disable(
    @CurrentPrincipal() caller: Principal,
    @WireBody(DisableWebhookRequest, { parameterName: 'request' }) body: DisableWebhookRequest,
    @Client() client: ClientMeta,
  ): Promise<SuccessResponse> {
    await this.service.disableEndpoint(body.Id, actorOf(caller, client));
    return SuccessResponse.ok();
  }

  @Get('deliveries')
  @RequirePermissions(ADMIN_PERMISSION)
  @ApiOperation({
    summary: 'Webhook deliveries, newest first',
    description: `${ADMIN_ONLY} One row per event and endpoint, with its attempts and last outcome.`,
  })
  @ApiPaging()
  @ApiQuery({
    name: 'state',
    required: false,
    enum: ['pending', 'delivered', 'dead'],
    description: 'Only deliveries in this state; anything else is 400 `err_InvalidState`',
  })
  @ApiWireResponse(WebhookDeliveryPage, 'One page of deliveries')
  @ApiAdminError(400, '`err_InvalidPaging`, `err_InvalidState`')
  deliveries(@Query() query: RawQuery): Promise<PagedList<WebhookDeliveryView>> {
    return this.service.listDeliveries(parseDeliveryState(query), parsePaging(query));
  }

  @Post('deliveries/redeliver')
  @HttpCode(200)
  @RequirePermissions(ADMIN_PERMISSION)
  @ApiOperation({
    summary: 'Sends one delivery again',
    description:
      `${ADMIN_ONLY} The delivery becomes pending with its attempts reset and is sent at once ` +
      '(same `webhook-id`, new timestamp and signature), whether it was dead, delivered or pending. ' +
      'Audited (`webhook.redelivered`).',
  })
  @ApiWireResponse(SuccessResponse, '`{"Success":true}`')
  @ApiAdminError(400, '`err_InvalidRequest`')
  @ApiAdminError(404, '`err_DeliveryNotFound`')
  async redeliver(
    @CurrentPrincipal() caller: Principal,
    @WireBody(RedeliverRequest, { parameterName: 'request' }) body: RedeliverRequest,
    @Client() client: ClientMeta,
  ): Promise<SuccessResponse> {
    await this.service.redeliver(body.Delivery, actorOf(caller, client));
    return SuccessResponse.ok();
  }
}
