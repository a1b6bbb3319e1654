-- wrk script: sends the API key given in the environment as a bearer token.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("SYNCPLAN_API_KEY")
