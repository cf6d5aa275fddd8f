"""The project's library: only what every Cartera service must agree on. No domain logic here."""
