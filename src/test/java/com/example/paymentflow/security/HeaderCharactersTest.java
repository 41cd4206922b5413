package com.example.paymentflow.security;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The firewall's header checks decide exactly as Spring Security's own expressions do, for every character. */
class HeaderCharactersTest {

    // StrictHttpFirewall's defaults (spring-security-web 6.5)
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsJudgedAsTheFirewallsExpressionsJudgeIt() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + Character.toString(codePoint) + "b";
            assertThat(HeaderCharacters.isAllowedName(text)).as("name with U+%04X", codePoint)
                    .isEqualTo(NAMES.matcher(text).matches());
            assertThat(HeaderCharacters.isAllowedValue(text)).as("value with U+%04X", codePoint)
                    .isEqualTo(VALUES.matcher(text).matches());
        }
    }

    @Test
    void aLoneSurrogateAndTheEmptyTextAreJudgedAsTheExpressionsJudgeThem() {
        for (String text : new String[] {"", "\uD83D", "x\uDE00", "\uD83D\uDE00", "tab\there"}) {
            assertThat(HeaderCharacters.isAllowedName(text)).isEqualTo(NAMES.matcher(text).matches());
            assertThat(HeaderCharacters.isAllowedValue(text)).isEqualTo(VALUES.matcher(text).matches());
        }
    }
}
