import { parseBasicCredentials } from './basic-credentials';

const basic = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;

describe('parseBasicCredentials', () => {
  it('splits at the first colon and keeps the password exactly, colons and spaces included', () => {
    expect(parseBasicCredentials(basic('ana: pa:ss '))).toEqual({
      username: 'ana',
      password: ' pa:ss ',
    });
    expect(parseBasicCredentials(basic('josé:ñandú'))).toEqual({
      username: 'josé',
      password: 'ñandú',
    });
  });

  it('accepts any scheme casing and refuses other schemes or malformed values', () => {
    expect(parseBasicCredentials(`basic ${Buffer.from('a:b').toString('base64')}`)).toEqual({
      username: 'a',
      password: 'b',
    });
    expect(parseBasicCredentials('Bearer abc')).toBeNull();
    expect(parseBasicCredentials(basic('no-colon'))).toBeNull();
    expect(parseBasicCredentials('Basic !!!')).toBeNull();
    expect(parseBasicCredentials(undefined)).toBeNull();
  });
});
