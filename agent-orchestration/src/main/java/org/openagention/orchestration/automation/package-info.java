// SPDX-License-Identifier: Apache-2.0
/**
 * Automations: agents started in the background by file changes, git commits and schedules
 * (course chapter 14). The entry point is {@link org.openagention.orchestration.automation.AutomationRunner}.
 */
package org.openagention.orchestration.automation;
