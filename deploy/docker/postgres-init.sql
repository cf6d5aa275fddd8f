-- The services' role: it does not own the tables, so row-level security binds it.
CREATE ROLE cartera_app LOGIN PASSWORD 'cartera_app' NOSUPERUSER NOBYPASSRLS;
GRANT CONNECT ON DATABASE cartera TO cartera_app;
