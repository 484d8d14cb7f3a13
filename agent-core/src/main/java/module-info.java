// SPDX-License-Identifier: Apache-2.0
/**
 * The agent loop, the model providers and the run journal: what every OpenAgention application
 * needs. Depends on Jackson and SLF4J only; Jackson never appears in an exported signature.
 */
module org.openagention.core {
    requires transitive java.net.http;
    requires static jdk.httpserver; // FaultyProvider in core.testing (tests and users' tests only)
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.classmate;
    requires com.github.victools.jsonschema.generator;
    requires com.github.victools.jsonschema.module.jackson;
    requires org.slf4j;

    exports org.openagention.core;
    exports org.openagention.core.context;
    exports org.openagention.core.journal;
    exports org.openagention.core.message;
    exports org.openagention.core.model;
    exports org.openagention.core.providers;
    exports org.openagention.core.testing;
    exports org.openagention.core.tool;

    // Jackson reads and writes our internal records reflectively.
    opens org.openagention.core.internal to com.fasterxml.jackson.databind;
    opens org.openagention.core.providers.internal to com.fasterxml.jackson.databind;
}
