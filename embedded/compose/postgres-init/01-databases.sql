-- One database per bounded context (ARCHITECTURE.md), created when the postgres volume is first initialised.
-- The migrate service creates any that are missing too, so a context added later needs no volume reset.
CREATE DATABASE customer;
CREATE DATABASE catalog;
CREATE DATABASE inventory;
CREATE DATABASE cart;
CREATE DATABASE "order";
CREATE DATABASE payment;
CREATE DATABASE notification;
CREATE DATABASE search;
