// SPDX-License-Identifier: Apache-2.0
/**
 * Context management: keeping what is sent to a model inside its context window.
 *
 * <ul>
 *   <li>{@link org.openagention.core.context.TokenCounter}: the size of a request in tokens before
 *       it is sent, estimated per tokenizer family ({@link org.openagention.core.context.TokenizerFamily})
 *       and calibrated against the usage providers report
 *       ({@link org.openagention.core.context.CalibratingTokenCounter}).
 *   <li>{@link org.openagention.core.context.ToolOutputLimit}: a tool interceptor that caps tool
 *       output to its head and tail before it enters the transcript, with the full text spilled to
 *       a file the model can read.
 *   <li>{@link org.openagention.core.context.Compaction}: a model interceptor that replaces the
 *       older part of a long transcript with a checkpoint summary the model writes, in what is
 *       sent only; the run's transcript and journal keep everything.
 * </ul>
 */
package org.openagention.core.context;
