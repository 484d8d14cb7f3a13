// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.tools.WorkspaceException;

/** Which remote a host clones: its own, or the graph's when it has none; both given, they must agree. */
class HostRemoteTest {
    @TempDir
    Path dir;

    @Test
    void aHostWithoutARemoteTakesTheGraphs() {
        assertThat(new HostClones(dir, null).remoteFor("/srv/repo.git")).isEqualTo("/srv/repo.git");
    }

    @Test
    void aHostWithARemoteKeepsItWhenTheGraphAgreesOrNamesNone() {
        HostClones host = new HostClones(dir, "/srv/repo.git/");
        assertThat(host.remoteFor("/srv/repo.git")).isEqualTo("/srv/repo.git/");
        assertThat(host.remoteFor(null)).isEqualTo("/srv/repo.git/");
    }

    @Test
    void differentRemotesAreRefusedWithBothNamed() {
        assertThatThrownBy(() -> new HostClones(dir, "/srv/a.git").remoteFor("/srv/b.git"))
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("/srv/a.git").hasMessageContaining("/srv/b.git");
    }

    @Test
    void noRemoteAtAllIsRefusedSayingWhereToGiveOne() {
        assertThatThrownBy(() -> new HostClones(dir, null).remoteFor(null))
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("GraphOptions.Builder#remote");
    }
}
