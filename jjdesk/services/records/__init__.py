"""The three record families and their rules: field specs and validation, credit/customs codes and their
exceptions, creating and changing enterprises, initiatives and statistics, the list queries and the database
overview."""
