/**
 * ros-cdk-smq: Simple Message Queue (SMQ, formerly MNS) as the channel between Alibaba Cloud products.
 *
 * - `smq`: queues, topics, subscriptions, imports, grants, the identifier formats and the L1s (`RosQueue`, ...).
 * - `sources`: what puts messages into a channel (OSS events, EventBridge rules, CloudMonitor alerts, ...).
 * - `consumers`: what takes messages out of a channel (topic subscriptions, ...).
 * - `assertions`: Template / Match / Capture for ROS templates (also `ros-cdk-smq/assertions`).
 * - `customResources`: `ApiCall`, an Alibaba Cloud API call on create, update and delete, for what ROS has no type for.
 * - `checks`: `SmqChecks`, an offline rule pack applied as an aspect.
 * - `routes`: `Routes`, a route simulator over synthesized templates, `SampleEvents` and `EventPatternMatcher`.
 * - `graph`: `TopologyGraph`, the topology as Mermaid, DOT or a self-contained HTML page.
 * - `Duration`, `ValidationError`, `Grant`, `RetryStrategy`, `ErrorsTolerance`: the few shared types.
 */
export { Duration } from './core/duration';
export { ValidationError } from './core/validation';
export { Grant } from './core/grants';
export { ErrorsTolerance, RetryStrategy } from './core/delivery';
export type { GrantOnResourceOptions } from './core/grants';
export * as smq from './smq';
export * as sources from './sources';
export * as consumers from './consumers';
export * as assertions from './assertions';
export * as customResources from './custom-resources';
export * as ess from './ros/ess';
export * as iot from './ros/iot';
export * as checks from './checks';
export * as routes from './routes';
export * as graph from './graph';
