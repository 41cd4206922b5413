package com.example.paymentflow.operations;

/** How many deliveries to a destination are in a status. */
public record StatusCount(String destination, String status, long count) {
}
