// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.util.HashMap;
import java.util.Map;
import org.openagention.core.ConfigurationException;
import org.openagention.core.model.Model;
import org.openagention.core.providers.HttpOptions;
import org.openagention.core.providers.Models;

/**
 * The model of a live run: from the environment, or {@code --model provider:model} over it, with
 * the HTTP settings of the {@code --*-timeout} options.
 */
record ModelChoice(Model model, String description) {

    static ModelChoice resolve(Map<String, String> env, String spec) {
        return resolve(env, spec, HttpOptions.defaults());
    }

    static ModelChoice resolve(Map<String, String> env, String spec, HttpOptions http) {
        Map<String, String> vars = new HashMap<>(env);
        if (spec != null && !spec.isBlank()) {
            vars.put(Models.MODEL_VARIABLE, spec.strip());
        }
        try {
            Models.Choice choice = Models.choose(vars);
            return new ModelChoice(Models.fromEnvironment(vars, http), choice.toString());
        } catch (ConfigurationException e) {
            String why = JournalRead.oneLine(e.getMessage());
            if (why.startsWith("no model provider is configured")) {
                String forSpec = spec == null || spec.isBlank() ? "" : " for --model " + spec.strip();
                throw new CliException("no model is configured" + forSpec + ": set ANTHROPIC_API_KEY, OPENAI_API_KEY"
                        + " or OPENAI_BASE_URL (and optionally OPENAGENTION_MODEL=provider:model), or use --offline to run the bundled"
                        + " recorded session");
            }
            throw new CliException("the model cannot be used: " + why);
        }
    }
}
