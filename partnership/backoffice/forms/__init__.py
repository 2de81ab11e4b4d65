"""Back-office forms, one module per area: bad input is answered as on customer forms
(a 400 with the form)."""
