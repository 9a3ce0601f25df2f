"""The incidents app: conflict incidents, their actors, tolls, sources and places."""
