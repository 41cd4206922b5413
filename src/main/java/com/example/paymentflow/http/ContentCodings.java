package com.example.paymentflow.http;

import java.util.Enumeration;

/** What a request's Content-Encoding headers say of its body. */
public final class ContentCodings {

    private ContentCodings() {
    }

    /** No Content-Encoding, or only {@code identity}: the body is as it was sent, not compressed. */
    public static boolean isUncoded(Enumeration<String> contentEncodings) {
        while (contentEncodings.hasMoreElements()) {
            for (String coding : contentEncodings.nextElement().split(",")) {
                if (!coding.isBlank() && !"identity".equalsIgnoreCase(coding.strip())) {
                    return false;
                }
            }
        }
        return true;
    }
}
