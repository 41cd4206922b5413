package com.example.paymentflow.text;

/**
 * How far a name an engineer typed is from one the service knows, to suggest the one meant: edits that turn one
 * into the other, a swap of two neighbouring letters counting as one (the commonest typo, which commons-text's
 * Levenshtein distance counts as two).
 */
public final class Typos {

    private Typos() {
    }

    /** Edits (insert, delete, replace, swap two neighbours) that turn one into the other. */
    public static int distance(String one, String other) {
        int[][] d = new int[one.length() + 1][other.length() + 1];
        for (int i = 0; i <= one.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= other.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= one.length(); i++) {
            for (int j = 1; j <= other.length(); j++) {
                int cost = one.charAt(i - 1) == other.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && one.charAt(i - 1) == other.charAt(j - 2)
                        && one.charAt(i - 2) == other.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[one.length()][other.length()];
    }
}
