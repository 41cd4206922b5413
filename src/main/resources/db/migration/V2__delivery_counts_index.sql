-- The operations summary and the delivery gauges count deliveries per destination and status.
CREATE INDEX deliveries_destination_status ON deliveries (destination, status);
