"""The page sizes a brief can be laid out on, as a user reads them (keys as templates_reports.pdf
names them): here, apart from the brief's layout, so a form offering them loads none of it."""

PAGE_SIZES = {"a4": "A4", "letter": "US Letter"}
