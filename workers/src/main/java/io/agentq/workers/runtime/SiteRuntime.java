package io.agentq.workers.runtime;

import io.agentq.activities.training.TaskSite;
import io.agentq.environments.site.Site;
import io.agentq.infra.browser.DriverFactory;

/** A built-in site as a process's workers serve it: its client and its tasks. */
public interface SiteRuntime {
  /** The site's client (sessions, instructions, what a key holds). */
  Site site();

  /** The site's tasks, with sandbox sessions through drivers of {@code drivers}. */
  TaskSite tasks(DriverFactory drivers);
}
