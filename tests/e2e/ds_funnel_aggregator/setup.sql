-- ds_funnel_aggregator: two inputs funnelled, then aggregated.
-- West has a sale with no amount: a missing value for the aggregates.
CREATE TABLE sales_east (region varchar(20), amount numeric(10,2));
INSERT INTO sales_east VALUES ('North', 10.00), ('North', 30.00), ('South', 5.00);
CREATE TABLE sales_west (region varchar(20), amount numeric(10,2));
INSERT INTO sales_west VALUES ('North', 20.00), ('West', NULL), ('West', 8.00);
