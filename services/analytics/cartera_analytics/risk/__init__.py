"""Late-payment risk: the score of each open invoice and each client, with its reasons."""
