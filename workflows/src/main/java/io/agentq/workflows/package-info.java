/**
 * Temporal workflow interfaces and implementations (search episode, training round, daily cycle)
 * and their activity interfaces. The durable search (issue 3) fills this module.
 */
package io.agentq.workflows;
