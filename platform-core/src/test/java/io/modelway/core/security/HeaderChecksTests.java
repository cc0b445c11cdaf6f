package io.modelway.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeaderChecksTests {

    /** The rule of Spring Security's strict firewall, as its own regular expression states it. */
    private static final Pattern STRICT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void acceptsExactlyWhatTheStrictFirewallsExpressionAccepts() {
        int refused = 0;
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String text = "ab" + (char) c + "cd";
            boolean expected = STRICT.matcher(text).matches();
            assertThat(HeaderChecks.assignedAndNotControl(text)).as("U+%04X", c).isEqualTo(expected);
            refused += expected ? 0 : 1;
        }
        for (int codePoint = 0x10000; codePoint <= Character.MAX_CODE_POINT; codePoint += 97) {
            String text = "x" + Character.toString(codePoint) + "y";
            assertThat(HeaderChecks.assignedAndNotControl(text)).as("U+%X", codePoint)
                    .isEqualTo(STRICT.matcher(text).matches());
        }
        // Controls and unassigned code points are refused, not everything outside ASCII.
        assertThat(refused).isBetween(1_000, 10_000);
        assertThat(HeaderChecks.assignedAndNotControl("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isTrue();
        assertThat(HeaderChecks.assignedAndNotControl("Zürich, Straße")).isTrue();
        assertThat(HeaderChecks.assignedAndNotControl("a\u0085b")).isFalse();
        assertThat(HeaderChecks.assignedAndNotControl("tab\tinside")).isFalse();
        assertThat(HeaderChecks.assignedAndNotControl("")).isTrue();
    }
}
