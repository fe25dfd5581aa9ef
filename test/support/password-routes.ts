import request from 'supertest';
import { basicAuth, TestApp } from './test-app';

/** The routes that check a password: legacy login with Basic, with a body, and v2 session creation. */
export type PasswordRoute = 'basic' | 'body' | 'v2';
export const PASSWORD_ROUTES: PasswordRoute[] = ['basic', 'body', 'v2'];

/** One login attempt for `username` through one of the password routes. */
export function passwordLogin(
  testApp: TestApp,
  route: PasswordRoute,
  username: string,
  password: string,
) {
  const server = request(testApp.server);
  switch (route) {
    case 'basic':
      return server.post('/Auth/Login').set('Authorization', basicAuth(username, password));
    case 'body':
      return server
        .post('/Auth/Login')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ UserName: username, Password: password }));
    case 'v2':
      return server
        .post('/v2/sessions')
        .send({ checks: { user: { loginName: username }, password: { password } } });
  }
}
