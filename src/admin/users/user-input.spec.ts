import { normaliseEmail } from '@/users/user-fields';
import { CreateUserRequest, UpdateUserRequest } from './user.contract';
import { normaliseRoles, toAccountPatch, toCreateAccountInput } from './user-input';

const update = (fields: Partial<UpdateUserRequest>): UpdateUserRequest =>
  Object.assign(new UpdateUserRequest(), {
    UserName: null,
    Email: null,
    FirstName: null,
    LastName: null,
    IsOperator: null,
    Roles: null,
    ...fields,
  });

describe('toAccountPatch', () => {
  it('leaves null members out', () => {
    expect(toAccountPatch(update({}))).toEqual({});
  });

  it('clears text with an empty string, replaces roles, keeps false', () => {
    expect(
      toAccountPatch(update({ Email: '', FirstName: ' Bea ', IsOperator: false, Roles: [] })),
    ).toEqual({
      email: null,
      firstName: 'Bea',
      isOperator: false,
      roles: [],
    });
  });
});

describe('toCreateAccountInput', () => {
  it('normalises the optional members', () => {
    const body = Object.assign(new CreateUserRequest(), {
      UserName: 'ana',
      Password: ' spaces count ',
      Email: null,
      FirstName: '',
      LastName: 'López',
      IsOperator: null,
      Roles: ['admin', 'admin'],
    });
    expect(toCreateAccountInput(body)).toEqual({
      username: 'ana',
      password: ' spaces count ',
      email: null,
      firstName: null,
      lastName: 'López',
      isOperator: false,
      roles: ['admin'],
    });
  });
});

describe('field rules', () => {
  it.each(['nope', 'a b@c', `${'x'.repeat(320)}@example.test`])(
    'rejects the e-mail %s',
    (email) => {
      expect(() => normaliseEmail(email)).toThrow(
        expect.objectContaining({ code: 'InvalidEmail' }),
      );
    },
  );

  it('rejects blank role names', () => {
    expect(() => normaliseRoles(['admin', ' '])).toThrow(
      expect.objectContaining({ code: 'UnknownRole' }),
    );
  });
});
