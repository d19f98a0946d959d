"""Static site generator for Dutch parliamentary written questions ("schriftelijke vragen")."""
