import support
if __name__ == "__main__":
    support.main()
