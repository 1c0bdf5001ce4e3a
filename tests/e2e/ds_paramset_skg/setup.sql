-- ds_paramset_skg: the flights the connector reads, and the members of
-- parameter set Limits at their defaults (CARRIER 7, LATE_MIN 10; the
-- runner sets akko.limits_carrier and akko.limits_late_min).
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET akko.limits_carrier = %L', current_database(), '7');
  EXECUTE format('ALTER DATABASE %I SET akko.limits_late_min = %L', current_database(), '10');
END $$;
CREATE TABLE flights (carrier_id integer NOT NULL, flight_no varchar(10) NOT NULL,
                      actual_departure timestamp, status varchar(10));
INSERT INTO flights VALUES
  (7, 'AA10', '2024-01-01 08:00:00', 'ontime'),
  (7, 'AA11', NULL, 'cancelled'),
  (8, 'BB20', '2024-01-02 09:30:00', 'ontime');
