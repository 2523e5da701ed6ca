"""The data file and everything around it: opening the database (the unit of work every other
package uses), the server connection, backups and restores, data export and import, moving to a
server, `logeerhuis check` (integrity/), private files and work folders.
"""
