/**
 * ros-cdk-smq: Simple Message Queue (SMQ, formerly MNS) as the channel between Alibaba Cloud products.
 *
 * - `smq`: queues, topics, subscriptions, imports, grants and the identifier formats.
 * - `consumers`: what takes messages out of a channel (topic subscriptions, ...).
 * - `mns`: the L1 classes `RosQueue`, `RosTopic`, `RosSubscription`.
 * - `core`: Duration, validation, deterministic names and grants.
 * - `assertions`: Template / Match / Capture for ROS templates.
 */
export * as core from './core';
export * as mns from './ros/mns';
export * as smq from './smq';
export * as consumers from './consumers';
export * as assertions from './assertions';
