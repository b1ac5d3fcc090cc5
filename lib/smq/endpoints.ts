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
import { identityOf } from '../core/names';
import { Fragment, fragmentsOf, INVISIBLE, literalText } from '../core/text';
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

/** A token inside a piece of literal text, where its position matters. */
const TOKEN = '\u0000';

/** An endpoint given as an `IResolvable` (from JavaScript, or `ros.Fn.conditionIf`) as the string token it stands for. */
export function endpointString(endpoint: unknown): string {
  return typeof endpoint === 'object' && endpoint !== null && ros.Tokenization.isResolvable(endpoint) ? ros.Token.asString(endpoint) : endpoint as string;
}

/**
 * An endpoint for a message: the literal text, `<token>` where a token is (also inside `Fn::Join` and `Fn::Sub`), and
 * nothing secret: user information and query strings (webhook URLs often carry an access token there) are masked.
 */
export function displayEndpoint(scope: ros.IConstruct, endpoint: string): string {
  const text = typeof endpoint === 'string' ? literalText(fragmentsOf(scope, endpoint), '<token>') : String(endpoint);
  return text
    .replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/s, '$1***@')
    .replace(/\?.*$/s, '?***');
}

/**
 * A key that is equal for two endpoints that are the same: an owned queue and an import of it, and two spellings of
 * one URL (the scheme and host of a literal URL are compared without case).
 */
export function endpointIdentityOf(scope: ros.IConstruct, pushType: string, endpoint: string): string {
  const identity = identityOf(scope, endpoint);
  if (pushType === HTTP && identity === endpoint) {
    try {
      return new URL(endpoint).href;
    } catch {
      return identity;
    }
  }
  return identity;
}

/**
 * Checks `endpoint` for push type `pushType`. Endpoints of other push types (mpush) are checked for whitespace and
 * control characters only.
 *
 * @returns for a queue endpoint, the region and account it names (literals or tokens); otherwise `undefined`
 */
export function checkEndpoint(scope: ros.IConstruct, pushType: string, endpoint: string, allowInsecureHttp: boolean): Location | undefined {
  if (typeof endpoint !== 'string' || endpoint === '') {
    throw invalid(scope, 'endpoint', endpoint, 'is required');
  }
  // an endpoint that is one of several literals (Fn::If, Fn::Select): each must be one that works
  for (const alternative of alternativesOf(ros.Stack.of(scope).resolve(endpoint))) {
    checkEndpoint(scope, pushType, alternative, allowInsecureHttp);
  }
  const fragments = fragmentsOf(scope, endpoint);
  const shown = displayEndpoint(scope, endpoint);
  if (INVISIBLE.test(literalText(fragments))) {
    throw invalid(scope, 'endpoint', shown, 'must not contain whitespace, control or invisible characters');
  }
  switch (pushType) {
    case QUEUE: return checkQueueEndpoint(scope, endpoint, shown, fragments);
    case EMAIL: checkEmailEndpoint(scope, shown, fragments); return undefined;
    case SMS: checkSmsEndpoint(scope, shown, fragments); return undefined;
    case HTTP: checkHttpEndpoint(scope, shown, fragments, allowInsecureHttp); return undefined;
    default: return undefined;
  }
}

/** The literal strings an `Fn::If` or `Fn::Select` (nested or not) may render to. */
function alternativesOf(rendered: unknown): string[] {
  if (typeof rendered !== 'object' || rendered === null || Array.isArray(rendered)) {
    return [];
  }
  const choose = (options: unknown): string[] => Array.isArray(options)
    ? options.flatMap((o) => typeof o === 'string' ? [o] : alternativesOf(o)) : alternativesOf(options);
  const when = (rendered as { 'Fn::If'?: unknown[] })['Fn::If'];
  if (Array.isArray(when) && when.length === 3) {
    return choose(when.slice(1));
  }
  const select = (rendered as { 'Fn::Select'?: unknown[] })['Fn::Select'];
  if (Array.isArray(select) && select.length === 2) {
    return choose(select[1]);
  }
  return [];
}

function isLiteral(fragments: readonly Fragment[]): boolean {
  return fragments.length === 1 && fragments[0].literal !== undefined;
}

/** The literal text before the first token (all of it for a literal). */
function head(fragments: readonly Fragment[]): string {
  return fragments[0]?.literal ?? '';
}

/** Whether the endpoint is a literal starting with `prefix`, or starts with literal text that fits it as far as it goes. */
function startsLike(fragments: readonly Fragment[], prefix: string, caseInsensitive = false): boolean {
  const norm = (s: string): string => caseInsensitive ? s.toLowerCase() : s;
  const start = norm(head(fragments));
  const p = norm(prefix);
  return isLiteral(fragments) ? start.startsWith(p) : start.startsWith(p) || p.startsWith(start);
}

const QUEUE_RULE = 'must be a queue endpoint "acs:mns:{region}:{account}:queues/{name}" for push type queue';
const QUEUE_NAME_TEXT = /^[A-Za-z0-9\u0000][A-Za-z0-9\u0000-]*$/;

/**
 * A queue endpoint: `acs:mns:{region}:{account}:queues/{name}`. Its parts are read from the literal text with each
 * token kept in place, so `Fn::Join(':', ['acs', 'mns', 'cn-beijing', ...])` names its region as surely as a literal.
 */
function checkQueueEndpoint(scope: ros.IConstruct, endpoint: string, shown: string, fragments: Fragment[]): Location {
  if (!startsLike(fragments, QUEUE_PREFIX)) {
    throw invalid(scope, 'endpoint', shown, QUEUE_RULE);
  }
  const parts = splitFragments(fragments, ':');
  if (parts.length > 5 || (parts.length < 5 && isLiteral(fragments))) {
    throw invalid(scope, 'endpoint', shown, QUEUE_RULE);
  }
  if (parts.length < 5) {
    // a token stands for more than one part: where the queue is cannot be told
    return { region: endpoint, account: endpoint };
  }
  const region = partValue(parts[2]);
  const account = partValue(parts[3]);
  const resourceText = literalText(parts[4], TOKEN);
  const literalRegion = parts[2].length === 1 && parts[2][0].literal !== undefined;
  const literalAccount = parts[3].length === 1 && parts[3][0].literal !== undefined;
  const nameText = resourceText.startsWith('queues/') ? resourceText.slice('queues/'.length) : undefined;
  if ((literalRegion && !REGION_PATTERN.test(region)) || (literalAccount && !ACCOUNT_PATTERN.test(account))
    || nameText === undefined || !QUEUE_NAME_TEXT.test(nameText) || nameText.replace(/\u0000/g, '').length > 120) {
    throw invalid(scope, 'endpoint', shown, QUEUE_RULE);
  }
  return { region, account };
}

/** Splits fragments at `separator` in their literal text; tokens stay whole. */
function splitFragments(fragments: readonly Fragment[], separator: string): Fragment[][] {
  const parts: Fragment[][] = [[]];
  for (const fragment of fragments) {
    if (fragment.literal === undefined) {
      parts[parts.length - 1].push(fragment);
      continue;
    }
    fragment.literal.split(separator).forEach((piece, i) => {
      if (i > 0) {
        parts.push([]);
      }
      if (piece !== '') {
        parts[parts.length - 1].push({ literal: piece });
      }
    });
  }
  return parts;
}

/** One part as a string to compare: its literal, or a token that renders as the part does. */
function partValue(part: readonly Fragment[]): string {
  if (part.length === 1 && part[0].literal !== undefined) {
    return part[0].literal;
  }
  const rendered = part.map((f) => f.literal ?? JSON.parse(f.token!));
  return ros.Token.asString(rendered.length === 1 ? rendered[0] : { 'Fn::Join': ['', rendered] });
}

const EMAIL_RULE = `must be "mail:directmail:{address}" with one mail address of at most ${MAX_EMAIL_LENGTH} characters for push type email`;
const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const EMAIL_LOCAL_PIECE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\u0000-]*$/;

function checkEmailEndpoint(scope: ros.IConstruct, shown: string, fragments: Fragment[]): void {
  if (!startsLike(fragments, EMAIL_PREFIX)) {
    throw invalid(scope, 'endpoint', shown, EMAIL_RULE);
  }
  const address = literalText(fragments, TOKEN).slice(EMAIL_PREFIX.length);
  const at = address.split('@');
  const literalLength = address.replace(/\u0000/g, '').length;
  let ok: boolean;
  if (isLiteral(fragments)) {
    ok = at.length === 2 && EMAIL_LOCAL.test(at[0]) && isHostName(at[1]) && at[1].includes('.') && address.length <= MAX_EMAIL_LENGTH;
  } else {
    ok = at.length <= 2 && EMAIL_LOCAL_PIECE.test(at[0]) && (at.length === 1 || /^[A-Za-z0-9.\u0000-]*$/.test(at[1])) && literalLength <= MAX_EMAIL_LENGTH;
  }
  if (!ok) {
    throw invalid(scope, 'endpoint', shown, EMAIL_RULE);
  }
}

const SMS_RULE = 'must be "sms:directsms:anonymous" or "sms:directsms:{phone}" (5 to 20 digits, optionally after a +) for push type alisms';
const SMS_PHONE = /^(anonymous|\+?[0-9]{5,20})$/;

function checkSmsEndpoint(scope: ros.IConstruct, shown: string, fragments: Fragment[]): void {
  if (!startsLike(fragments, SMS_PREFIX)) {
    throw invalid(scope, 'endpoint', shown, SMS_RULE);
  }
  const phone = literalText(fragments, TOKEN).slice(SMS_PREFIX.length);
  const ok = isLiteral(fragments) ? SMS_PHONE.test(phone) : /^\+?[0-9\u0000]*$/.test(phone) && phone.replace(/\u0000/g, '').length <= 20;
  if (!ok) {
    throw invalid(scope, 'endpoint', shown, SMS_RULE);
  }
}

const HTTPS_RULE = 'must be an https:// URL for push type http (set allowInsecureHttp: true to push over plain http://)';
const HTTP_RULE = 'must be an http:// or https:// URL for push type http';
const URL_SHAPE = /^([A-Za-z\u0000][A-Za-z0-9+.\u0000-]*):\/\/([^/?#]*)(.*)$/s;
const RESERVED_PATH = /^\/mns-reserved-/i;
const INTRANET = 'must not be an intranet address: SMQ pushes only to addresses reachable from the Internet';

function checkHttpEndpoint(scope: ros.IConstruct, shown: string, fragments: Fragment[], allowInsecureHttp: boolean): void {
  const rule = allowInsecureHttp ? HTTP_RULE : HTTPS_RULE;
  const text = literalText(fragments, TOKEN);
  if (!startsLike(fragments, 'https://', true) && !startsLike(fragments, 'http://', true)) {
    throw invalid(scope, 'endpoint', shown, rule);
  }
  // the authority runs from :// to the first / ? or # of the literal text; a token in it may stand for anything
  const shape = URL_SHAPE.exec(text);
  if (shape === null) {
    if (isLiteral(fragments) || text.includes('://')) {
      throw invalid(scope, 'endpoint', shown, rule);
    }
    return; // the scheme itself is cut by a token: nothing more can be told
  }
  const [, scheme, authority, rest] = shape;
  if (!scheme.includes(TOKEN)) {
    const lower = scheme.toLowerCase();
    if (lower !== 'https' && !(lower === 'http' && allowInsecureHttp)) {
      throw invalid(scope, 'endpoint', shown, rule);
    }
  }
  if (authority.includes('@')) {
    throw invalid(scope, 'endpoint', shown, 'must not carry user information (user:password@) in the URL: SMQ would store and show it');
  }
  if (authority.includes(TOKEN)) {
    checkPartialHost(scope, shown, authority);
    return;
  }
  checkAuthority(scope, shown, authority);
  if (RESERVED_PATH.test(rest) || RESERVED_PATH.test(safeDecode(rest))) {
    throw invalid(scope, 'endpoint', shown, 'must not have a path starting with "/mns-reserved-", which SMQ reserves');
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const HOST_NAME = /^(?=.{1,253}\.?$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

function isHostName(host: string): boolean {
  return HOST_NAME.test(host) && !/^[0-9.]+$/.test(host) && !/^0x/i.test(host);
}

/** A literal host and port: a host name, or an IPv4 or IPv6 address that the Internet can reach. */
function checkAuthority(scope: ros.IConstruct, shown: string, authority: string): void {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(authority);
  const host = match?.[1] ?? '';
  const port = match?.[2];
  if (host === '' || host === '[]') {
    throw invalid(scope, 'endpoint', shown, 'must name a host after the scheme');
  }
  if (port !== undefined && (!/^[0-9]{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    throw invalid(scope, 'endpoint', shown, 'must have a port between 1 and 65535, when it has one');
  }
  // how an HTTP client reads the host (127.1, 2130706433, 0x7f.1 and 0177.0.0.1 are all 127.0.0.1)
  let canonical: string;
  try {
    canonical = new URL(`http://${host}/`).hostname;
  } catch {
    throw invalid(scope, 'endpoint', shown, 'must name a valid host (letters, digits, hyphens and dots, or an IP address)');
  }
  const ipv4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(canonical);
  if (ipv4 !== null) {
    if (ipv4[0] !== host) {
      throw invalid(scope, 'endpoint', shown, `must write an IPv4 address as four decimal numbers (this one is ${canonical})`);
    }
    if (isIntranetV4(ipv4.slice(1).map(Number))) {
      throw invalid(scope, 'endpoint', shown, INTRANET);
    }
    return;
  }
  if (canonical.startsWith('[')) {
    if (isIntranetV6(canonical.slice(1, -1))) {
      throw invalid(scope, 'endpoint', shown, INTRANET);
    }
    return;
  }
  if (!isHostName(host)) {
    throw invalid(scope, 'endpoint', shown, 'must name a valid host (letters, digits, hyphens and dots, or an IP address)');
  }
  const name = canonical.replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) {
    throw invalid(scope, 'endpoint', shown, INTRANET);
  }
}

/** A host with a token in it: its literal start and end may still name an intranet address. */
function checkPartialHost(scope: ros.IConstruct, shown: string, authority: string): void {
  const host = authority.replace(/:[0-9\u0000]*$/, '').toLowerCase();
  const start = host.slice(0, host.indexOf(TOKEN));
  const end = host.slice(host.lastIndexOf(TOKEN) + 1).replace(/\.$/, '');
  if (/^(10|127|0)\./.test(start) || /^192\.168\./.test(start) || /^172\.(1[6-9]|2\d|3[01])\./.test(start) || /^169\.254\./.test(start)
    || end === '.localhost' || end.endsWith('.localhost') || start === 'localhost') {
    throw invalid(scope, 'endpoint', shown, INTRANET);
  }
}

/**
 * Private, loopback, link-local, shared, benchmarking and unspecified IPv4 ranges, and multicast, broadcast and
 * reserved addresses (224.0.0.0 and up): none is a host SMQ can push to.
 */
function isIntranetV4([a, b]: number[]): boolean {
  return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
    || (a === 100 && b >= 64 && b <= 127) || (a === 198 && (b === 18 || b === 19)) || a >= 224;
}

/** Loopback, unspecified, link-local and unique-local IPv6 addresses, and IPv4-mapped intranet ones. */
function isIntranetV6(address: string): boolean {
  const [left, right] = address.split('::');
  const words = (s: string | undefined): number[] => (s ? s.split(':').map((w) => parseInt(w, 16)) : []);
  const l = words(left);
  const r = words(right);
  const all = right === undefined ? l : [...l, ...new Array(8 - l.length - r.length).fill(0), ...r];
  if (all.length !== 8 || all.some((w) => Number.isNaN(w))) {
    return true;
  }
  const zeroes = (n: number): boolean => all.slice(0, n).every((w) => w === 0);
  if (zeroes(7) && (all[7] === 0 || all[7] === 1)) {
    return true;
  }
  if ((all[0] & 0xffc0) === 0xfe80 || (all[0] & 0xfe00) === 0xfc00) {
    return true;
  }
  if (zeroes(5) && all[5] === 0xffff) {
    return isIntranetV4([all[6] >> 8, all[6] & 0xff]);
  }
  return false;
}
