package io.modelway.client;

/** Feedback accepted by the server, and published for monitoring. */
public record FeedbackReceipt(String requestId, String model, String feedbackId) {
}
