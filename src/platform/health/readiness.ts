import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/** Flips to "shutting down" as soon as the application starts closing, so load balancers stop sending traffic. */
@Injectable()
export class Readiness implements BeforeApplicationShutdown {
  private closing = false;

  get shuttingDown(): boolean {
    return this.closing;
  }

  beforeApplicationShutdown(): void {
    this.closing = true;
  }
}
