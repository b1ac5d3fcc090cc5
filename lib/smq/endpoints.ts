/**
 * The checks of a subscription endpoint against its push type (not part of the public API). A literal endpoint is
 * checked whole; one that holds tokens (a deploy-time parameter, `Fn::Join`, `Fn::Sub`) is checked in the literal
 * pieces around them: `http://` followed by a token is still plain HTTP.
 *
 * Endpoint forms: https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-mns-subscription and
 * https://www.alibabacloud.com/help/en/message-service/latest/basic-concepts-endpoint (the reserved path prefix
 * `mns-reserved-`); no intranet addresses: https://www.alibabacloud.com/help/en/mns/user-guide/push-messages-to-an-http-server
 */
import * as ros from '@alicloud/ros-cdk-core';
import { Location } from '../core/location';
import { Fragment, fragmentsOf, literalText } from '../core/text';
import { invalid } from '../core/validation';
import { ACCOUNT_PATTERN, REGION_PATTERN } from './identifiers';

/** The kinds of endpoint with a known form, as SMQ names them. */
const QUEUE = 'queue';
const EMAIL = 'email';
const SMS = 'alisms';
const HTTP = 'http';

const QUEUE_PREFIX = 'acs:mns:';
const EMAIL_PREFIX = 'mail:directmail:';
const SMS_PREFIX = 'sms:directsms:';

/** Mail addresses: at most 254 characters (RFC 5321's limit on a forward path). */
const MAX_EMAIL_LENGTH = 254;

/**
 * Checks `endpoint` for push type `pushType`. Endpoints of other push types (mpush) are not checked.
 *
 * @returns for a queue endpoint, the region and account it names (literals or tokens); otherwise `undefined`
 */
export function checkEndpoint(scope: ros.IConstruct, pushType: string, endpoint: string, allowInsecureHttp: boolean): Location | undefined {
  if (typeof endpoint !== 'string' || endpoint === '') {
    throw invalid(scope, 'endpoint', endpoint, 'is required');
  }
  const fragments = fragmentsOf(scope, endpoint);
  const all = literalText(fragments, '\u0000');
  // what a message shows: the literal text, with <token> where a token is (also inside Fn::Join and Fn::Sub)
  const shown = redact(literalText(fragments, '<token>'));
  if (/[\s\u0001-\u001f\u007f]/.test(literalText(fragments))) {
    throw invalid(scope, 'endpoint', shown, 'must not contain whitespace or control characters');
  }
  switch (pushType) {
    case QUEUE: return checkQueueEndpoint(scope, endpoint, shown, fragments, all);
    case EMAIL: checkEmailEndpoint(scope, shown, fragments); return undefined;
    case SMS: checkSmsEndpoint(scope, shown, fragments); return undefined;
    case HTTP: checkHttpEndpoint(scope, shown, fragments, allowInsecureHttp); return undefined;
    default: return undefined;
  }
}

/** The literal text before the first token (all of it for a literal). */
function head(fragments: readonly Fragment[]): string {
  return fragments[0]?.literal ?? '';
}

/** Whether the endpoint is a literal, or starts with literal text that fits `prefix` as far as it goes. */
function startsLike(fragments: readonly Fragment[], prefix: string, caseInsensitive = false): boolean {
  const norm = (s: string): string => caseInsensitive ? s.toLowerCase() : s;
  const start = norm(head(fragments));
  const p = norm(prefix);
  if (fragments.length === 1 && fragments[0].literal !== undefined) {
    return start.startsWith(p);
  }
  return start.startsWith(p) || p.startsWith(start);
}

const QUEUE_RULE = 'must be a queue endpoint "acs:mns:{region}:{account}:queues/{name}" for push type queue';
const QUEUE_ENDPOINT = /^acs:mns:([^:]+):([^:]+):queues\/([A-Za-z0-9][A-Za-z0-9-]{0,255})$/;

function checkQueueEndpoint(scope: ros.IConstruct, endpoint: string, shown: string, fragments: Fragment[], all: string): Location | undefined {
  if (!startsLike(fragments, QUEUE_PREFIX)) {
    throw invalid(scope, 'endpoint', shown, QUEUE_RULE);
  }
  const literal = fragments.length === 1 && fragments[0].literal !== undefined;
  if (literal) {
    const match = QUEUE_ENDPOINT.exec(endpoint);
    if (match === null || !REGION_PATTERN.test(match[1]) || !ACCOUNT_PATTERN.test(match[2])) {
      throw invalid(scope, 'endpoint', shown, QUEUE_RULE);
    }
    return { region: match[1], account: match[2] };
  }
  // region and account of an endpoint made of pieces: each is one literal or one token of the encoded string
  const parts = splitEncoded(endpoint, ':');
  if (parts.length === 5 && parts[0] === 'acs' && parts[1] === 'mns' && all.split(':').length === 5) {
    if (!/^queues\//.test(parts[4])) {
      throw invalid(scope, 'endpoint', shown, QUEUE_RULE);
    }
    return { region: parts[2], account: parts[3] };
  }
  return { region: endpoint, account: endpoint };
}

/** Splits a string that may hold encoded tokens at `separator`, never inside a token. */
function splitEncoded(value: string, separator: string): string[] {
  const tokens: string[] = [];
  const masked = value.replace(/\$\{Token\[[a-zA-Z0-9:._-]+\]\}/g, (t) => `\u0000${tokens.push(t) - 1}\u0000`);
  return masked.split(separator).map((part) => part.replace(/\u0000(\d+)\u0000/g, (_m, i) => tokens[Number(i)]));
}

const EMAIL_RULE = `must be "mail:directmail:{address}" with one mail address of at most ${MAX_EMAIL_LENGTH} characters for push type email`;
const EMAIL_ADDRESS = /^[^@\s:]+@[^@\s:]+\.[^@\s:]+$/;

function checkEmailEndpoint(scope: ros.IConstruct, shown: string, fragments: Fragment[]): void {
  if (!startsLike(fragments, EMAIL_PREFIX)) {
    throw invalid(scope, 'endpoint', shown, EMAIL_RULE);
  }
  const literal = fragments.length === 1 && fragments[0].literal !== undefined;
  const address = literalText(fragments).slice(EMAIL_PREFIX.length);
  if (literal ? !EMAIL_ADDRESS.test(address) || address.length > MAX_EMAIL_LENGTH
    : address.split('@').length > 2 || address.length > MAX_EMAIL_LENGTH || address.includes(':')) {
    throw invalid(scope, 'endpoint', shown, EMAIL_RULE);
  }
}

const SMS_RULE = 'must be "sms:directsms:anonymous" or "sms:directsms:{phone}" (5 to 20 digits, optionally after a +) for push type alisms';
const SMS_PHONE = /^(anonymous|\+?[0-9]{5,20})$/;

function checkSmsEndpoint(scope: ros.IConstruct, shown: string, fragments: Fragment[]): void {
  if (!startsLike(fragments, SMS_PREFIX)) {
    throw invalid(scope, 'endpoint', shown, SMS_RULE);
  }
  const literal = fragments.length === 1 && fragments[0].literal !== undefined;
  const phone = literalText(fragments, '\u0000').slice(SMS_PREFIX.length);
  const ok = literal ? SMS_PHONE.test(phone) : /^\+?[0-9\u0000]*$/.test(phone) && phone.replace(/\u0000/g, '').length <= 20;
  if (!ok) {
    throw invalid(scope, 'endpoint', shown, SMS_RULE);
  }
}

const HTTPS_RULE = 'must be an https:// URL for push type http (set allowInsecureHttp: true to push over plain http://)';
const HTTP_RULE = 'must be an http:// or https:// URL for push type http';
const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s;
const RESERVED_PATH = /^\/mns-reserved-/i;

function checkHttpEndpoint(scope: ros.IConstruct, shown: string, fragments: Fragment[], allowInsecureHttp: boolean): void {
  const rule = allowInsecureHttp ? HTTP_RULE : HTTPS_RULE;
  const literal = fragments.length === 1 && fragments[0].literal !== undefined;
  const start = head(fragments);
  if (!startsLike(fragments, 'https://', true) && !startsLike(fragments, 'http://', true)) {
    throw invalid(scope, 'endpoint', shown, rule);
  }
  const shape = URL_SHAPE.exec(start);
  if (shape === null) {
    if (literal) {
      throw invalid(scope, 'endpoint', shown, rule);
    }
    return; // the scheme itself is cut by a token: nothing more can be told
  }
  const scheme = shape[1].toLowerCase();
  if (scheme !== 'https' && !(scheme === 'http' && allowInsecureHttp)) {
    throw invalid(scope, 'endpoint', shown, rule);
  }
  // the authority runs to the first / ? or #; when a token follows, the literal text after the token may still be in it
  const authorityDone = literal || /[/?#]/.test(start.slice(shape[1].length + 3));
  const authorityText = authorityDone ? shape[2] : literalText(fragments, '\u0000').slice(shape[1].length + 3).split(/[/?#]/)[0];
  if (authorityText.includes('@')) {
    throw invalid(scope, 'endpoint', shown, 'must not carry user information (user:password@) in the URL: SMQ would store and show it');
  }
  if (!authorityDone) {
    return;
  }
  checkAuthority(scope, shown, shape[2]);
  if (RESERVED_PATH.test(shape[3])) {
    throw invalid(scope, 'endpoint', shown, 'must not have a path starting with "/mns-reserved-", which SMQ reserves');
  }
}

const HOST_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function checkAuthority(scope: ros.IConstruct, shown: string, authority: string): void {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^:]*)(?::(.*))?$/.exec(authority);
  const host = match?.[1] ?? '';
  const port = match?.[2];
  if (host === '') {
    throw invalid(scope, 'endpoint', shown, 'must name a host after the scheme');
  }
  if (port !== undefined && (!/^[0-9]{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    throw invalid(scope, 'endpoint', shown, 'must have a port between 1 and 65535, when it has one');
  }
  const ipv4 = IPV4.exec(host);
  if (ipv4 !== null) {
    const octets = ipv4.slice(1).map(Number);
    if (octets.some((o) => o > 255)) {
      throw invalid(scope, 'endpoint', shown, 'must name a valid host: each part of an IPv4 address is 0 to 255');
    }
    if (isIntranet(octets)) {
      throw invalid(scope, 'endpoint', shown, 'must not be an intranet address: SMQ pushes only to addresses reachable from the Internet');
    }
    return;
  }
  if (host.startsWith('[')) {
    return;
  }
  if (!HOST_NAME.test(host)) {
    throw invalid(scope, 'endpoint', shown, 'must name a valid host (letters, digits, hyphens and dots)');
  }
  if (host.toLowerCase() === 'localhost' || host.toLowerCase().endsWith('.localhost')) {
    throw invalid(scope, 'endpoint', shown, 'must not be an intranet address: SMQ pushes only to addresses reachable from the Internet');
  }
}

/** Private, loopback, link-local and unspecified IPv4 ranges. */
function isIntranet([a, b]: number[]): boolean {
  return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
    || (a === 100 && b >= 64 && b <= 127);
}

/** The endpoint with any user information masked, for messages. */
function redact(endpoint: string): string {
  return endpoint.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/s, '$1***@');
}
