package io.modelway.training.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.info.GitProperties;

class CodeVersionTests {

    private static GitProperties git(String commit, String dirty) {
        Properties entries = new Properties();
        entries.setProperty("commit.id.abbrev", commit);
        entries.setProperty("dirty", dirty);
        return new GitProperties(entries);
    }

    @Test
    void recordsTheCommitTheServiceWasBuiltFrom() {
        assertThat(TrainingJob.codeVersion(git("7bd527e", "false"))).endsWith("+7bd527e").doesNotContain("dirty");
    }

    @Test
    void marksABuildFromAChangedWorkingTree() {
        assertThat(TrainingJob.codeVersion(git("7bd527e", "true"))).endsWith("+7bd527e.dirty");
    }

    @Test
    void withoutGitInformationTheBuildVersionAlone() {
        assertThat(TrainingJob.codeVersion(null)).doesNotContain("+").isNotBlank();
    }
}
