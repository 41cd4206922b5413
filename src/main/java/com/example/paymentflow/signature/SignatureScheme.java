package com.example.paymentflow.signature;

/** One way of proving that PaymentFlow sent a webhook: which headers carry the proof and how it is checked. */
public interface SignatureScheme {

    /**
     * @param body    the exact bytes received
     * @param headers the request's headers
     * @return the signature header as presented (kept beside the stored event)
     * @throws InvalidSignatureException unless the headers prove that one of the secrets signed these bytes (and,
     *                                   for timestamped schemes, recently)
     */
    String verify(byte[] body, WebhookHeaders headers);
}
